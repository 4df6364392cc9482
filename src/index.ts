import * as React from 'react';
import type { IInputs, IOutputs } from '../generated/ManifestTypes';
import { App } from './ui/App';
import { createServices, toAppProps, type Services } from './pcf/context-adapter';

/** The PCF entry point: wires the platform context to the React tree and nothing else. */
export class ProfileAssistant implements ComponentFramework.ReactControl<IInputs, IOutputs> {
    private services: Services;
    private loadProfile: ReturnType<typeof toAppProps>['loadProfile'] | undefined;

    public init(context: ComponentFramework.Context<IInputs>): void {
        this.services = createServices(context);
    }

    public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
        const props = toAppProps(context, this.services);
        // Keep the loader identity stable across updateView calls so the profile is read once, not per render.
        this.loadProfile ??= props.loadProfile;
        return React.createElement(App, { ...props, loadProfile: this.loadProfile });
    }

    public getOutputs(): IOutputs {
        return {};
    }

    public destroy(): void {
        this.loadProfile = undefined;
    }
}
