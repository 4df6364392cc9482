import { handedOverCount, measurePace, MIN_MEASURE_MS } from '../../../src/core/run/pace';

describe('measurePace', () => {
    it('measures mailboxes a minute since the start and the time the rest take at that pace', () => {
        // 300 done in 2 minutes: 150 a minute; 900 left take 6 minutes.
        const pace = measurePace({ atMs: 0, done: 0 }, { atMs: 120_000, done: 300 }, 1200);
        expect(pace).toEqual({ perMinute: 150, secondsLeft: 360 });
    });

    it('counts only what was done here: a resumed run starts from what it had done', () => {
        const pace = measurePace({ atMs: 1_000, done: 500 }, { atMs: 61_000, done: 560 }, 1000);
        expect(pace).toEqual({ perMinute: 60, secondsLeft: 440 });
    });

    it('shows nothing until there is enough to measure', () => {
        expect(measurePace({ atMs: 0, done: 0 }, { atMs: MIN_MEASURE_MS - 1, done: 50 }, 100)).toEqual({
            perMinute: null,
            secondsLeft: null,
        });
        expect(measurePace({ atMs: 0, done: 10 }, { atMs: 600_000, done: 10 }, 100)).toEqual({
            perMinute: null,
            secondsLeft: null,
        });
    });

    it('has no time left once every mailbox is done', () => {
        expect(measurePace({ atMs: 0, done: 0 }, { atMs: 5_000, done: 100 }, 100)).toEqual({
            perMinute: null,
            secondsLeft: 0,
        });
    });
});

describe('handedOverCount', () => {
    it('counts queued tests with the ended mailboxes, not what is still to be sent or re-read', () => {
        const counts = {
            pending: 7,
            sent: 3,
            confirmed: 2,
            testing: 20,
            succeeded: 5,
            failed: 4,
            retrying: 2,
            skipped: 1,
        };
        expect(handedOverCount({ ...counts, selected: 44, inFlight: 3, settled: false })).toBe(32);
    });
});
