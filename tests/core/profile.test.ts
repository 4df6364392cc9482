import { classifyProfile, cloudOfAuthority, type ProfileRecord } from '../../src/core/profile';

const base: ProfileRecord = {
    emailserverprofileid: '11111111-1111-1111-1111-111111111111',
    name: 'Profile',
    servertype: 0,
    serverauthority: 0,
    incomingcredentialretrieval: 2,
    incomingserverlocation: 'https://outlook.office365.com/EWS/Exchange.asmx',
};

describe('classifyProfile', () => {
    it.each([
        ['cross-tenant OAuth (retrieval 7)', { incomingcredentialretrieval: 7 }, 'crossTenantOAuth'],
        ['Exchange Online (Hybrid), type 3', { servertype: 3, incomingcredentialretrieval: 2 }, 'hybridS2S'],
        ['plain Exchange Online (S2S, outlook.office365.com)', {}, 'exchangeOnline'],
        [
            'Exchange Online in GCC High',
            { incomingserverlocation: 'https://outlook.office365.us/EWS/Exchange.asmx' },
            'exchangeOnline',
        ],
        [
            'Exchange Online in China',
            { incomingserverlocation: 'https://partner.outlook.cn/EWS/Exchange.asmx' },
            'exchangeOnline',
        ],
        [
            'type 0 with no location but the Exchange Online label',
            { incomingserverlocation: null, emailservertypename: 'Exchange Online' },
            'exchangeOnline',
        ],
        [
            'type 0 pointing at an on-premises Exchange host',
            { incomingserverlocation: 'https://mail.contoso.com/EWS/Exchange.asmx' },
            'unsupported',
        ],
        [
            'host that merely contains the Exchange Online name',
            { incomingserverlocation: 'https://outlook.office365.com.evil.example/EWS' },
            'unsupported',
        ],
        ['POP3/SMTP (type 1)', { servertype: 1 }, 'unsupported'],
        ['Exchange Server (Hybrid) (type 2)', { servertype: 2 }, 'unsupported'],
        ['IMAP/SMTP (type 4)', { servertype: 4 }, 'unsupported'],
    ] as const)('classifies %s', (_, patch, kind) => {
        expect(classifyProfile({ ...base, ...patch })).toBe(kind);
    });
});

describe('cloudOfAuthority', () => {
    it.each([
        [0, 'commercial'],
        [1, 'usGov'],
        [2, 'china'],
        [3, 'automatic'],
        [null, 'unknown'],
        [9, 'unknown'],
    ] as const)('maps server authority %s to %s', (value, cloud) => {
        expect(cloudOfAuthority(value)).toBe(cloud);
    });
});
