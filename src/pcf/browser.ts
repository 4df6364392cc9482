/** Browser services the actions need, kept in one place so tests can replace them. */
import { openLedgerStore } from './ledger-store';
import type { BrowserServices } from './mailbox-actions';

function storageOrUndefined(): Storage | undefined {
    try {
        return window.sessionStorage;
    } catch {
        return undefined; // blocked by the browser's privacy settings: runs work, resume after reload does not
    }
}

/** Download text as a file (CSV export); the object URL is released straight after the click. */
function download(fileName: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
}

/** The real browser. openUrl uses the platform's navigation so mailto: works inside the app shell. */
export function createBrowserServices(openUrl: (url: string) => void): BrowserServices {
    return {
        storage: storageOrUndefined(),
        ledgerStore: openLedgerStore,
        copyText: (text) => navigator.clipboard.writeText(text),
        openUrl,
        download,
    };
}
