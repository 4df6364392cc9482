/** Installed solutions and custom controls (deploy.md §2 "installed", §2 after import). */
import { stringLiteral } from '../../../src/core/odata';
import type { DataverseHttp } from '../../../src/dataverse/http';
import type { InstalledSolution } from '../core/solution-zip';

/** The installed solution of that unique name, or undefined. */
export async function findSolution(http: DataverseHttp, uniqueName: string): Promise<InstalledSolution | undefined> {
    const rows = await http.getAll<InstalledSolution>(
        `solutions?$filter=uniquename eq ${stringLiteral(uniqueName)}&$select=version,ismanaged`,
    );
    return rows[0];
}

/** The custom control's installed version, or undefined when it is not installed. */
export async function findControlVersion(http: DataverseHttp, name: string): Promise<string | undefined> {
    const rows = await http.getAll<{ version?: string }>(
        `customcontrols?$filter=name eq ${stringLiteral(name)}&$select=version`,
    );
    return rows[0]?.version ?? (rows.length ? '' : undefined);
}
