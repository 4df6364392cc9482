/**
 * Small wrappers and attributes for the most repeated markup. Each use of a prop ships its name in the bundle, so
 * `<Text block>` (over 40 uses) and `<MessageBar messageBarType={MessageBarType.warning}>` (over 20) cost more than
 * a wrapper named once (the bundle budget of issue 3). They render exactly what they wrap.
 */
import * as React from 'react';
import { MessageBar, MessageBarType, Text, type IMessageBarProps, type ITextProps } from '@fluentui/react';

/** The text of something thrown, to show the admin (Dataverse's own message for a DataverseError). */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A live region read out politely and whole whenever its text changes: `<div {...POLITE_STATUS}>`. */
export const POLITE_STATUS = { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } as const;

/** Text on a line of its own: `<Text block>`. */
export function BlockText(props: ITextProps) {
    return <Text block {...props} />;
}

/** Props of a notice: a MessageBar's props with its type named, e.g. `type="warning"`. */
export type NoticeProps = Omit<IMessageBarProps, 'messageBarType'> & { type: keyof typeof MessageBarType };

/** A MessageBar of the named type. */
export function Notice({ type, ...rest }: NoticeProps) {
    return <MessageBar messageBarType={MessageBarType[type]} {...rest} />;
}
