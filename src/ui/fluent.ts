/**
 * The Fluent UI components most files use, bound once to local names. Fluent is a platform library reached through
 * a global object, so `Fluent.MessageBarType.warning` would ship every property name at every use; a local binding
 * minifies to two characters (the bundle budget of issue 3). A name used in one place is imported from
 * '@fluentui/react' directly, where a binding would cost more than it saves.
 */
import * as Fluent from '@fluentui/react';

export const { DefaultButton, Link, MessageBar, MessageBarType, PrimaryButton, Stack, Text, useTheme } = Fluent;
export const { mergeStyleSets, PivotItem, ProgressIndicator, Spinner } = Fluent;

/** The two gaps between stacked items, shared by every Stack (one object each, not a literal at every use). */
export const GAP_4 = { childrenGap: 4 };
export const GAP_8 = { childrenGap: 8 };

/** For a button in a vertical Stack, which would otherwise stretch to the full width of the section. */
export const AT_START = { root: { alignSelf: 'flex-start' } };
