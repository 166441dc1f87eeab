"""The delivery side of the Store on every backend: follow-ups, claims, counts, notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.models import Alert
from bot.storage import Store, open_store
from tests.factories import T0, alert, article, event, party
from tests.test_storage import HOUR, in_threads, record

LEASE = timedelta(minutes=5)


def sent_parent(store: Store, a: Alert, ts: str = "100.1") -> None:
    record(store, a.article, a)
    store.mark_sent(a.key, slack_channel="C0VENDOR1", slack_ts=ts, now=T0)


def test_later_reports_are_pending_replies_once_the_parent_is_sent(store: Store) -> None:
    parent = alert(art=article(source="Wire"))
    record(store, parent.article, parent)
    later = [alert(art=article(source=s)) for s in ("Tech Daily", "Markets Desk")]
    for i, a in enumerate(later, 1):
        assert record(store, a.article, a, now=T0 + i * HOUR).followups
    record(store, later[0].article, later[0], now=T0 + 3 * HOUR)  # same article: not again
    # No thread yet: nothing to claim.
    assert store.claim_followups("w1", 10, LEASE, T0 + 3 * HOUR) == []
    store.mark_sent(
        parent.key, slack_channel="C0VENDOR1", slack_ts="100.1", now=T0, sources_shown=1
    )
    got = store.claim_followups("w1", 10, LEASE, T0 + 3 * HOUR)
    assert [f.alert.article.source for f in got] == ["Tech Daily", "Markets Desk"]
    assert {(f.parent_key, f.thread_channel, f.thread_ts) for f in got} == {
        (parent.key, "C0VENDOR1", "100.1")
    }
    assert [(f.previous, f.broadcast) for f in got] == [("confirmed", False)] * 2
    assert len({f.key for f in got}) == 2
    [rec] = store.stale_counts()
    assert (rec.alert.key, rec.sources, rec.shown_sources) == (parent.key, 3, 1)
    store.mark_sources_shown(parent.key, 3)
    assert store.stale_counts() == []


def test_certainty_changes_are_broadcast_once(store: Store) -> None:
    rumour = alert(event(certainty="speculative"), article(source="Wire"))
    sent_parent(store, rumour)
    reports = [
        alert(event(certainty="confirmed"), article(source="Tech Daily")),
        alert(event(certainty="confirmed"), article(source="Markets Desk")),
        alert(event(certainty="speculative"), article(source="Blog")),
        alert(event(certainty="denied"), article(source="Wire")),
    ]
    for i, a in enumerate(reports, 1):
        record(store, a.article, a, now=T0 + i * HOUR)
    rows = store.followups_of(rumour.key)
    assert [(f.alert.article.source, f.previous, f.broadcast) for f, *_ in rows] == [
        ("Tech Daily", "speculative", True),  # the rumour is confirmed
        ("Markets Desk", "confirmed", False),  # already said
        ("Blog", "confirmed", False),  # a "reportedly" rewrite adds nothing
        ("Wire", "confirmed", True),  # a denial after all
    ]
    assert {state for _, state, _, _ in rows} == {"pending"}


def test_follow_up_only_joins_a_thread_or_is_dropped(store: Store) -> None:
    denial = replace(alert(event(certainty="denied")), followup_only=True)
    result = record(store, denial.article, denial)
    assert result.article_is_new and result.new_alerts == () and result.followups == ()
    assert store.list_alerts() == [] and store.pending_alerts() == []

    rumour = alert(event(certainty="speculative"))
    sent_parent(store, rumour)
    denial2 = replace(alert(event(certainty="denied")), followup_only=True)
    result = record(store, denial2.article, denial2, now=T0 + HOUR)
    assert [f.key for f in result.followups] == [rumour.key]
    [(f, state, _, _)] = store.followups_of(rumour.key)
    assert (f.alert.event.certainty, f.previous, f.broadcast, state) == (
        "denied", "speculative", True, "pending",
    )  # fmt: skip
    assert len(store.list_alerts()) == 1
    # Past the window a denial is not news on its own: dropped, no new alert.
    late = replace(alert(event(certainty="denied")), followup_only=True)
    assert record(store, late.article, late, now=T0 + timedelta(days=31)).followups == ()
    assert len(store.list_alerts()) == 1


def test_claims_are_exclusive_until_the_lease_ends(store: Store) -> None:
    alerts = [alert(event(type=t)) for t in ("partnership_ended", "investment", "acquisition")]
    for i, a in enumerate(alerts):
        record(store, a.article, a, now=T0 + i * HOUR)
    minute = timedelta(minutes=1)
    assert store.claim_pending("w1", 2, LEASE, T0 + minute) == alerts[:2]
    assert store.claim_pending("w2", 10, LEASE, T0 + 2 * minute) == alerts[2:]
    assert store.claim_pending("w3", 10, LEASE, T0 + 2 * minute) == []
    # w1 died: after its lease its alerts go to the next claimer, who sees two claims.
    later = T0 + minute + LEASE
    assert store.claim_pending("w3", 10, LEASE, later) == alerts[:2]
    rec = store.get_alert(alerts[0].key)
    assert rec is not None and rec.claims == 2
    # Only the holder releases; a released alert is claimable, a sent one is gone.
    store.release("w1", [alerts[2].key])
    assert store.claim_pending("w4", 10, LEASE, later) == []
    store.release("w2", [alerts[2].key])
    store.mark_sent(alerts[0].key, slack_channel="C1", slack_ts="1.1", now=later)
    assert store.claim_pending("w4", 10, LEASE, later + LEASE) == [alerts[1], alerts[2]]


def test_two_replicas_claiming_at_once_take_disjoint_alerts(store_url: str) -> None:
    stores = [open_store(store_url) for _ in range(4)]
    try:
        scale = party("Scale AI", watched=True)
        alerts = [alert(event(parties=(scale, party(f"Co{i}")))) for i in range(30)]
        for a in alerts:
            record(stores[0], a.article, a)
        keys: list[str] = []
        # Under PostgreSQL a replica racing the others may come back short (rows the others
        # hold are skipped, not waited for); what must hold is that no alert is claimed
        # twice and that a few rounds take them all.
        for _ in range(5):
            got = in_threads(4, lambda i: stores[i].claim_pending(f"w{i}", 10, LEASE, T0))
            keys += [a.key for claimed in got for a in claimed]
            if len(keys) >= 30:
                break
    finally:
        for s in stores:
            s.close()
    assert len(keys) == len(set(keys)) == 30


def test_failed_replies_are_retried_with_alerts(store: Store) -> None:
    parent = alert()
    sent_parent(store, parent)
    later = alert(art=article(source="Other"))
    record(store, later.article, later, now=T0 + HOUR)
    [f] = store.claim_followups("w1", 10, LEASE, T0 + HOUR)
    store.mark_followup_failed(f.key, reason="is_archived: unarchive it", permanent=True, now=T0)
    store.release("w1", [f.key])
    assert store.claim_followups("w1", 10, LEASE, T0 + HOUR) == []
    assert store.retry_failed() == 0  # no alert was failed, but the reply is back
    [again] = store.claim_followups("w2", 10, LEASE, T0 + 2 * HOUR)
    assert again.key == f.key
    store.mark_followup_sent(f.key, slack_ts="100.2", now=T0 + 2 * HOUR)
    [(_, state, error, ts)] = store.followups_of(parent.key)
    assert (state, error, ts) == ("sent", "", "100.2")


def test_a_notice_is_claimed_once(store: Store) -> None:
    assert store.claim_notice("notice:a", T0)
    assert not store.claim_notice("notice:a", T0 + HOUR)
    assert store.claim_notice("notice:b", T0)
