// context.navigation dialogs as accessible <dialog> elements; all text is set with textContent.

function openDialog({ title, text, buttons }) {
    return new Promise((resolve) => {
        const dialog = document.createElement('dialog');
        dialog.setAttribute('role', 'alertdialog');
        dialog.setAttribute('aria-modal', 'true');
        const heading = document.createElement('h2');
        heading.id = `dialog-title-${Date.now()}`;
        heading.textContent = title || 'Message';
        const body = document.createElement('p');
        body.id = `${heading.id}-text`;
        body.textContent = text ?? '';
        dialog.setAttribute('aria-labelledby', heading.id);
        dialog.setAttribute('aria-describedby', body.id);
        dialog.append(heading, body);
        for (const [label, value] of buttons) {
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = label;
            button.addEventListener('click', () => {
                dialog.close();
                dialog.remove();
                resolve(value);
            });
            dialog.append(button);
        }
        dialog.addEventListener('cancel', () => {
            dialog.remove();
            resolve(buttons[buttons.length - 1][1]);
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}

/** context.navigation. */
export function createNavigation() {
    return {
        openUrl(url) {
            const u = new URL(url, location.href);
            if (u.protocol === 'https:' || u.protocol === 'http:') window.open(u.href, '_blank', 'noopener,noreferrer');
        },
        openAlertDialog(strings) {
            return openDialog({
                title: strings?.title,
                text: strings?.text,
                buttons: [[strings?.confirmButtonLabel || 'OK', undefined]],
            });
        },
        openErrorDialog(options) {
            return openDialog({
                title: 'Error',
                text: options?.message ?? options?.details,
                buttons: [['OK', undefined]],
            });
        },
        async openConfirmDialog(strings) {
            const confirmed = await openDialog({
                title: strings?.title,
                text: strings?.text,
                buttons: [
                    [strings?.confirmButtonLabel || 'OK', true],
                    [strings?.cancelButtonLabel || 'Cancel', false],
                ],
            });
            return { confirmed };
        },
        openForm() {
            return Promise.reject(new Error('openForm is not available in the sandbox'));
        },
        openWebResource() {
            return undefined;
        },
    };
}
