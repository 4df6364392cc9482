import * as React from 'react';
import { DatePicker, DefaultButton, MessageBar, MessageBarType, Stack } from '@fluentui/react';
import { describeDeadline } from '../../core/readiness/deadline';
import { toLocalDay, toUtcDay } from '../hooks/use-credentials-dates';
import { format } from '../strings';
import { useCalendar, useCountString, useFormatDay, useGetString } from '../texts';

/** Reading or saving the expiry note failed, with Dataverse's message. */
export type ExpiryProblem = { kind: 'read' | 'save'; message: string };

const PROBLEM_KEYS = { read: 'Secret_ExpiryReadFailed', save: 'Secret_ExpirySaveFailed' } as const;

/** Props of the secret expiry date and its reminder. */
export type SecretExpiryProps = {
    /** The secret's expiry as a UTC-midnight day; Dynamics cannot read it (entra §2.3), so the admin enters it. */
    expiryDate?: Date | null;
    /** Receives the chosen day as UTC midnight, or null when removed; without it the date is read-only. */
    onSaveExpiry?: (date: Date | null) => void;
    expiryProblem?: ExpiryProblem | null;
    today: Date;
    reminderDays: number;
    isReadOnly: boolean;
};

function Reminder({ expiryDate, today, reminderDays }: SecretExpiryProps & { expiryDate: Date }) {
    const getString = useGetString();
    const countString = useCountString();
    const formatDay = useFormatDay();
    const { daysLeft, status } = describeDeadline(expiryDate, today);
    if (status === 'passed') {
        return (
            <MessageBar messageBarType={MessageBarType.error}>
                {format(getString('Secret_ExpiryPassed'), formatDay(expiryDate))}
            </MessageBar>
        );
    }
    if (daysLeft > reminderDays) return null;
    return (
        <MessageBar messageBarType={MessageBarType.warning}>
            {format(countString('Secret_ExpiryReminder', daysLeft), formatDay(expiryDate), daysLeft)}
        </MessageBar>
    );
}

/** Optional expiry date of the secret, with a reminder when it is near or passed. */
export const SecretExpiry = React.memo(function SecretExpiry(props: SecretExpiryProps) {
    const { expiryDate, onSaveExpiry, expiryProblem, isReadOnly } = props;
    const getString = useGetString();
    const formatDay = useFormatDay();
    const { datePicker, calendarFormat, firstDayOfWeek } = useCalendar();
    const canEdit = !isReadOnly && onSaveExpiry !== undefined;
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <DatePicker
                label={getString('Secret_ExpiryLabel')}
                value={expiryDate ? toLocalDay(expiryDate) : undefined}
                formatDate={(day) => (day ? formatDay(toUtcDay(day)) : '')}
                onSelectDate={(day) => onSaveExpiry?.(day ? toUtcDay(day) : null)}
                disabled={!canEdit}
                strings={datePicker}
                dateTimeFormatter={calendarFormat}
                pickerAriaLabel={getString('DatePicker_Calendar')}
                firstDayOfWeek={firstDayOfWeek}
            />
            {expiryDate && canEdit && (
                <DefaultButton onClick={() => onSaveExpiry?.(null)}>{getString('Secret_ExpiryClear')}</DefaultButton>
            )}
            {expiryProblem && (
                <MessageBar messageBarType={MessageBarType.warning}>
                    {format(getString(PROBLEM_KEYS[expiryProblem.kind]), expiryProblem.message)}
                </MessageBar>
            )}
            {expiryDate && <Reminder {...props} expiryDate={expiryDate} />}
        </Stack>
    );
});
SecretExpiry.displayName = 'SecretExpiry';
