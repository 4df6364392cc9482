/** Reads a zip's central directory so tests can check what unzip tools hide: order, method, folder entries. */
import { unzipSync } from 'fflate';

export type ZipEntry = { name: string; method: number; isDirectory: boolean; data: Uint8Array };

const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** List entries in central-directory order with their compression method and content. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL) end--;
    if (end < 0) throw new Error('not a zip');
    const count = view.getUint16(end + 10, true);
    let offset = view.getUint32(end + 16, true);
    const contents = unzipSync(bytes);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (view.getUint32(offset, true) !== CENTRAL_HEADER) throw new Error('bad central directory');
        const method = view.getUint16(offset + 10, true);
        const nameLength = view.getUint16(offset + 28, true);
        const extraLength = view.getUint16(offset + 30, true);
        const commentLength = view.getUint16(offset + 32, true);
        const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
        entries.push({ name, method, isDirectory: name.endsWith('/'), data: contents[name] });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}
