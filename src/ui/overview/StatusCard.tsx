import * as React from 'react';
import { ActionButton, getId, Icon, mergeStyleSets, Stack, Text, useTheme, type ITheme } from '@fluentui/react';

/** How a card's status reads: each tone has an icon as well as a colour (never colour alone). */
export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'busy';

/** Props of one overview card: a title, a status, a few lines, the card's own content and one action. */
export type StatusCardProps = {
    title: string;
    tone: Tone;
    status: string;
    lines?: readonly { text: string; tone?: Tone }[];
    action: { text: string; icon: string; onClick: () => void };
    children?: React.ReactNode;
};

const ICONS: Record<Tone, string> = {
    ok: 'CompletedSolid',
    warning: 'WarningSolid',
    error: 'StatusErrorFull',
    info: 'InfoSolid',
    busy: 'ProgressRingDots',
};

function toneColour(theme: ITheme, tone: Tone): string {
    const { semanticColors, palette } = theme;
    const colours: Record<Tone, string> = {
        ok: semanticColors.successIcon,
        warning: semanticColors.warningIcon,
        error: semanticColors.errorIcon,
        info: palette.themePrimary,
        busy: palette.neutralSecondary,
    };
    return colours[tone];
}

function useClasses() {
    const theme = useTheme();
    return React.useMemo(
        () =>
            mergeStyleSets({
                // Like the Power Platform admin center's cards: a white surface, a light shadow, calm spacing.
                card: {
                    background: theme.semanticColors.bodyBackground,
                    boxShadow: theme.effects.elevation4,
                    borderRadius: theme.effects.roundedCorner4,
                    padding: 16,
                    minWidth: 0,
                    display: 'flex',
                    flexDirection: 'column',
                    gap: 8,
                },
                title: { margin: 0 },
            }),
        [theme],
    );
}

/** A status with its icon; the icon is decorative, the text says it. */
export function ToneText({ tone, text, strong }: { tone: Tone; text: string; strong?: boolean }) {
    const theme = useTheme();
    return (
        <Stack horizontal verticalAlign="start" tokens={{ childrenGap: 6 }}>
            <Icon
                iconName={ICONS[tone]}
                aria-hidden="true"
                styles={{ root: { color: toneColour(theme, tone), paddingTop: 2 } }}
            />
            <Text styles={{ root: { fontWeight: strong ? 600 : undefined, minWidth: 0, overflowWrap: 'anywhere' } }}>
                {text}
            </Text>
        </Stack>
    );
}

/** One card of the overview row (product.md §1: "each chip opens its area"). */
export const StatusCard = React.memo(function StatusCard(props: StatusCardProps) {
    const { title, tone, status, lines = [], action, children } = props;
    const classes = useClasses();
    const [headingId] = React.useState(() => getId('overview-card'));
    return (
        <section className={classes.card} aria-labelledby={headingId}>
            <Text as="h3" variant="mediumPlus" id={headingId} className={classes.title}>
                {title}
            </Text>
            <ToneText tone={tone} text={status} strong />
            {lines.map((line) =>
                line.tone ? (
                    <ToneText key={line.text} tone={line.tone} text={line.text} />
                ) : (
                    <Text key={line.text} block>
                        {line.text}
                    </Text>
                ),
            )}
            {children}
            <ActionButton
                iconProps={{ iconName: action.icon }}
                onClick={action.onClick}
                styles={{ root: { alignSelf: 'flex-start', marginTop: 'auto', paddingLeft: 0 } }}
            >
                {action.text}
            </ActionButton>
        </section>
    );
});
StatusCard.displayName = 'StatusCard';
