/** WWW-Authenticate headers and what parseChallenge must read from them. */
export const challengeFixtures: [string, string | null, unknown][] = [
    [
        'the Dataverse challenge',
        'Bearer authorization_uri=https://login.microsoftonline.com/8f2c8a42-0d4c-4e2f-9d4a-2b8f4b0e6a11/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/',
        {
            loginHost: 'login.microsoftonline.com',
            tenant: '8f2c8a42-0d4c-4e2f-9d4a-2b8f4b0e6a11',
            resourceId: 'https://contoso.crm.dynamics.com/',
        },
    ],
    [
        'quoted values',
        'Bearer authorization_uri="https://login.microsoftonline.us/tid/oauth2/authorize", resource_id="https://x.crm.microsoftdynamics.us/"',
        { loginHost: 'login.microsoftonline.us', tenant: 'tid', resourceId: 'https://x.crm.microsoftdynamics.us/' },
    ],
    [
        'common as organizations',
        'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize',
        { loginHost: 'login.microsoftonline.com', tenant: 'organizations', resourceId: undefined },
    ],
    ['no header', null, undefined],
    ['a Basic challenge', 'Basic realm="x"', undefined],
    ['no authorization_uri', 'Bearer resource_id=https://x/', undefined],
    [
        'an http authorization_uri',
        'Bearer authorization_uri=http://login.microsoftonline.com/t/oauth2/authorize',
        undefined,
    ],
];
