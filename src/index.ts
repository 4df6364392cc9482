import * as React from 'react';
import type { IInputs, IOutputs } from '../generated/ManifestTypes';
import { App, type AppProps } from './ui/App';
import type { CredentialsChange } from './ui/hooks/use-credentials';
import { createServices, toAppProps, type Services } from './pcf/context-adapter';
import { CLEARED_OUTPUT } from './core/assumptions';

/** The PCF entry point: wires the platform context to the React tree and nothing else. */
export class ProfileAssistant implements ComponentFramework.ReactControl<IInputs, IOutputs> {
    private services: Services;
    private notifyOutputChanged: () => void;
    private outputs: IOutputs = {};
    /** The profile loader of the record shown; kept while the record id stays the same. */
    private loader: { profileId: string | undefined; loadProfile: AppProps['loadProfile'] } | undefined;

    public init(context: ComponentFramework.Context<IInputs>, notifyOutputChanged: () => void): void {
        this.notifyOutputChanged = notifyOutputChanged;
        this.services = createServices(context, (change) => this.onCredentialsChange(change));
    }

    public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
        const props = toAppProps(context, this.services);
        // The App reads the profile once per loader, so the loader stays the same across updateView calls; a new
        // record's first save gives it an id, and from then on the loader of that id.
        if (!this.loader || this.loader.profileId !== props.profileId) {
            this.loader = { profileId: props.profileId, loadProfile: props.loadProfile };
        }
        return React.createElement(App, { ...props, loadProfile: this.loader.loadProfile });
    }

    public getOutputs(): IOutputs {
        return this.outputs;
    }

    public destroy(): void {
        this.loader = undefined;
    }

    /**
     * Only what the control shows as resolved reaches the form: a property the admin edited is always returned (null
     * from the section clears the column), one not edited is left out so the form keeps its value.
     */
    private onCredentialsChange(change: CredentialsChange): void {
        const next: IOutputs = {};
        if (change.tenantId !== undefined) next.tenantId = change.tenantId ?? CLEARED_OUTPUT;
        if (change.applicationId !== undefined) next.applicationId = change.applicationId ?? CLEARED_OUTPUT;
        const keys = Object.keys(next) as (keyof IOutputs)[];
        const isSame =
            keys.length === Object.keys(this.outputs).length &&
            keys.every((key) => key in this.outputs && next[key] === this.outputs[key]);
        if (isSame) return;
        this.outputs = next;
        this.notifyOutputChanged();
    }
}
