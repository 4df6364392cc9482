// Where the control goes: the host reads the PUBLISHED main form (GET /_sandbox/form, from the emulated systemforms)
// and puts the control root where that form's formFactor 2 customControl is bound, as a model-driven form does. No
// control on the form (or none installed): the control section is hidden and the bound field stays a text box.

/** Bound column → the host's field row for it (index.html). */
const FIELD_OF_COLUMN = { exchangeonlinetenantid: 'field-tenant', oauthclientid: 'field-appid', name: 'field-name' };

/** The published form's placement of the control, or null. */
export async function loadPlacement() {
    const res = await fetch('/_sandbox/form', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`/_sandbox/form: HTTP ${res.status}`);
    const form = await res.json();
    return form.placement ? { ...form.placement, source: form.control?.source ?? 'build' } : null;
}

function sectionNamed(label) {
    return Array.from(document.querySelectorAll('#form .form-section')).find(
        (s) => s.querySelector('h2')?.textContent.trim() === label,
    );
}

/** Arrange the page for a placement; returns true when the control is on the form. */
export function placeControl(placement) {
    const root = document.getElementById('control-root');
    const controlSection = root.closest('.form-section');
    document.body.dataset.controlPlaced = String(Boolean(placement));
    if (!placement) {
        controlSection.hidden = true;
        return false;
    }
    document.body.dataset.controlSource = placement.source;
    const target = sectionNamed(placement.sectionLabel);
    if (!target || target === controlSection) {
        // A section of its own (the manual path's "Connection assistant"): name it as the form does.
        controlSection.querySelector('h2').textContent = placement.sectionLabel;
        return true;
    }
    // Bound to a field of an existing section: the control takes that field's place.
    const field = document.getElementById(FIELD_OF_COLUMN[placement.column] ?? '')?.closest('.field');
    if (field && field.parentElement === target) {
        field.after(root);
        field.hidden = true;
    } else target.append(root);
    controlSection.hidden = true;
    return true;
}
