// The user's format settings a model-driven app hands a control (userSettings.dateFormattingInfo and the number
// separators), for the languages the sandbox offers. Dynamics derives them from the user's "Current format" in
// Personal Options, which is a .NET culture: these are the .NET Framework values of en-US, de-DE and fr-FR
// (DateTimeFormatInfo / NumberFormatInfo), so the sandbox gives the control what a Windows-hosted org would.

const names = (text) => text.split(' ');

/** LCID → BCP 47 tag, the language's own name, dateFormattingInfo and number separators. */
export const CULTURES = {
    1033: {
        tag: 'en-US',
        name: 'English',
        dateFormattingInfo: {
            amDesignator: 'AM',
            pmDesignator: 'PM',
            shortDatePattern: 'M/d/yyyy',
            longDatePattern: 'dddd, MMMM d, yyyy',
            shortTimePattern: 'h:mm tt',
            longTimePattern: 'h:mm:ss tt',
            fullDateTimePattern: 'dddd, MMMM d, yyyy h:mm:ss tt',
            monthDayPattern: 'MMMM d',
            yearMonthPattern: 'MMMM yyyy',
            dateSeparator: '/',
            timeSeparator: ':',
            firstDayOfWeek: 0,
            calendarWeekRule: 0,
            monthNames: [
                ...names('January February March April May June July August September October November December'),
                '',
            ],
            monthGenitiveNames: [
                ...names('January February March April May June July August September October November December'),
                '',
            ],
            abbreviatedMonthNames: [...names('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'), ''],
            abbreviatedMonthGenitiveNames: [...names('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'), ''],
            dayNames: names('Sunday Monday Tuesday Wednesday Thursday Friday Saturday'),
            abbreviatedDayNames: names('Sun Mon Tue Wed Thu Fri Sat'),
            shortestDayNames: names('Su Mo Tu We Th Fr Sa'),
        },
        numberDecimalSeparator: '.',
        numberGroupSeparator: ',',
        currencySymbol: '$',
        currencyFirst: true,
    },
    1031: {
        tag: 'de-DE',
        name: 'Deutsch',
        dateFormattingInfo: {
            amDesignator: '',
            pmDesignator: '',
            shortDatePattern: 'dd.MM.yyyy',
            longDatePattern: 'dddd, d. MMMM yyyy',
            shortTimePattern: 'HH:mm',
            longTimePattern: 'HH:mm:ss',
            fullDateTimePattern: 'dddd, d. MMMM yyyy HH:mm:ss',
            monthDayPattern: 'd. MMMM',
            yearMonthPattern: 'MMMM yyyy',
            dateSeparator: '.',
            timeSeparator: ':',
            firstDayOfWeek: 1,
            calendarWeekRule: 2,
            monthNames: [
                ...names('Januar Februar März April Mai Juni Juli August September Oktober November Dezember'),
                '',
            ],
            monthGenitiveNames: [
                ...names('Januar Februar März April Mai Juni Juli August September Oktober November Dezember'),
                '',
            ],
            abbreviatedMonthNames: [...names('Jan Feb Mrz Apr Mai Jun Jul Aug Sep Okt Nov Dez'), ''],
            abbreviatedMonthGenitiveNames: [...names('Jan Feb Mrz Apr Mai Jun Jul Aug Sep Okt Nov Dez'), ''],
            dayNames: names('Sonntag Montag Dienstag Mittwoch Donnerstag Freitag Samstag'),
            abbreviatedDayNames: names('So Mo Di Mi Do Fr Sa'),
            shortestDayNames: names('So Mo Di Mi Do Fr Sa'),
        },
        numberDecimalSeparator: ',',
        numberGroupSeparator: '.',
        currencySymbol: '€',
        currencyFirst: false,
    },
    1036: {
        tag: 'fr-FR',
        name: 'Français',
        dateFormattingInfo: {
            amDesignator: '',
            pmDesignator: '',
            shortDatePattern: 'dd/MM/yyyy',
            longDatePattern: 'dddd d MMMM yyyy',
            shortTimePattern: 'HH:mm',
            longTimePattern: 'HH:mm:ss',
            fullDateTimePattern: 'dddd d MMMM yyyy HH:mm:ss',
            monthDayPattern: 'd MMMM',
            yearMonthPattern: 'MMMM yyyy',
            dateSeparator: '/',
            timeSeparator: ':',
            firstDayOfWeek: 1,
            calendarWeekRule: 2,
            monthNames: [
                ...names('janvier février mars avril mai juin juillet août septembre octobre novembre décembre'),
                '',
            ],
            monthGenitiveNames: [
                ...names('janvier février mars avril mai juin juillet août septembre octobre novembre décembre'),
                '',
            ],
            abbreviatedMonthNames: [...names('janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'), ''],
            abbreviatedMonthGenitiveNames: [
                ...names('janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'),
                '',
            ],
            dayNames: names('dimanche lundi mardi mercredi jeudi vendredi samedi'),
            abbreviatedDayNames: names('dim. lun. mar. mer. jeu. ven. sam.'),
            shortestDayNames: names('di lu ma me je ve sa'),
        },
        // Windows versions differ between a no-break space and a narrow one here; Intl writes the narrow one.
        numberDecimalSeparator: ',',
        numberGroupSeparator: '\u202f',
        currencySymbol: '€',
        currencyFirst: false,
    },
};
