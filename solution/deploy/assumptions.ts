/**
 * Every value the deploy reference marks "(unconfirmed)" lives here, one named constant each, so checking it against a
 * real environment is a one-line change. Source: ../shared/reference/deploy.md (section given on each constant); the
 * README lists them under "Install into your environment".
 */

/**
 * Largest solution zip we send. The only published figure is the on-premises default of 29.296 MB (deploy.md §2,
 * source 15); online may allow more, so this is a guard against obvious mistakes, not a promise.
 */
export const MAX_SOLUTION_ZIP_BYTES = 29_296 * 1024;

/** customControl formFactor per device: PCF2BPF's enum writes Phone 0, Tablet 1, Web 2 (deploy.md §6, source 17). */
export const FORM_FACTOR = { phone: '0', tablet: '1', web: '2' } as const;

/** The privilege the form step needs (deploy.md §2: "form step prvWriteSystemForm (unconfirmed)"). */
export const FORM_WRITE_PRIVILEGE = 'prvWriteSystemForm';

/** Whether Dataverse honours If-Match on systemforms PATCH; when it does not, the hash re-check still guards us (§6). */
export const FORM_PATCH_HONOURS_IF_MATCH = true;

/**
 * classid of the stock text box. The classic editor may write {F9A8A302-114E-466A-B582-6771B2AE0D92} instead
 * (deploy.md §6); we keep whatever the form already has and use this one only for a field we add.
 */
export const TEXT_BOX_CLASSID = '{4273EDBD-AC1D-40D3-9FB2-095C621B552D}';

/** StageSolution status and validation type may arrive as names or numbers (deploy.md §3). */
export const STAGE_STATUS_PASSED: readonly (string | number)[] = ['Passed', 1];
/** SolutionValidationResultType "Error" as a name or a number (deploy.md §3). */
export const STAGE_RESULT_ERROR: readonly (string | number)[] = ['Error', 2];

/**
 * Microsoft's documented sample public client (deploy.md §1, source 4): meant for development, and admins can block
 * it; an organisation should register its own app and pass --client-id. Whether it exists in sovereign clouds is open.
 */
export const SAMPLE_CLIENT_ID = '51f81489-12ee-4a9e-aaae-a2591f45987d';

/** The customization-lock answer (deploy.md §5): Dataverse code besides HTTP 429. */
export const CUSTOMIZATION_LOCK_CODE = '0x80071151';

/** Whether EntityDefinitions(...)?$select=IsCustomizable reflects whether forms of the table can be edited (§2). */
export const TABLE_CUSTOMIZABLE_CHECK = true;
