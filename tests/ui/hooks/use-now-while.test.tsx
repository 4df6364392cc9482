/** @jest-environment jsdom */
import * as React from 'react';
import { act, render, screen } from '@testing-library/react';
import { useNowWhile } from '../../../src/ui/hooks/use-now-while';

// The clock behind a countdown: it must show the current time as soon as a countdown appears, not the time the
// component first rendered (a countdown would start seconds or minutes too long).
function Clock({ active, now }: { active: boolean; now: () => number }) {
    return <span>{useNowWhile(active, now)}</span>;
}

describe('useNowWhile', () => {
    afterEach(() => jest.useRealTimers());

    it('catches up at once when it becomes active, then ticks each second, and stands still when inactive', () => {
        jest.useFakeTimers();
        let t = 1_000;
        const now = () => t;
        const { rerender } = render(<Clock active={false} now={now} />);
        expect(screen.getByText('1000')).toBeTruthy();
        t = 90_000;
        act(() => void jest.advanceTimersByTime(5_000));
        expect(screen.getByText('1000')).toBeTruthy();
        rerender(<Clock active now={now} />);
        expect(screen.getByText('90000')).toBeTruthy();
        t = 91_000;
        act(() => void jest.advanceTimersByTime(1_000));
        expect(screen.getByText('91000')).toBeTruthy();
        rerender(<Clock active={false} now={now} />);
        t = 99_000;
        act(() => void jest.advanceTimersByTime(3_000));
        expect(screen.getByText('91000')).toBeTruthy();
    });
});
