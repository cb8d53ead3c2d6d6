// SMS segment counting, the same rules as the host's SmsSegments (Core/Messaging/SmsSegments.cs), so the editor can
// show the count live while the operator types; the server's count of the rendered message remains the authority.

export type SmsEncoding = 'Gsm7' | 'Ucs2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Characters as a reader counts them (a surrogate pair is one). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the body occupies. */
  units: number;
  segments: number;
  remainingInLastSegment: number;
}

const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extension = '^{}\\[~]|€\f';
const basicSet = new Set(basic);
const extensionSet = new Set(extension);

/** 1 for a basic-table character, 2 for an extension-table one (escape + code), 0 when GSM-7 cannot carry it. */
export function septetsOf(c: string): number {
  if (basicSet.has(c)) return 1;
  if (extensionSet.has(c)) return 2;
  return 0;
}

export function isGsm7(body: string): boolean {
  for (let i = 0; i < body.length; i++) if (septetsOf(body[i]) === 0) return false;
  return true;
}

export function measureSms(body: string): SmsSegmentInfo {
  return isGsm7(body) ? measureGsm(body) : measureUcs2(body);
}

function measureGsm(body: string): SmsSegmentInfo {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += septetsOf(body[i]);
  if (total <= 160) return { encoding: 'Gsm7', characters: body.length, units: total, segments: total === 0 ? 0 : 1, remainingInLastSegment: 160 - total };
  // Concatenated parts carry 153 septets; a two-septet character that does not fit starts the next part.
  let segments = 1, used = 0;
  for (let i = 0; i < body.length; i++) {
    const cost = septetsOf(body[i]);
    if (used + cost > 153) { segments++; used = 0; }
    used += cost;
  }
  return { encoding: 'Gsm7', characters: body.length, units: total, segments, remainingInLastSegment: 153 - used };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function measureUcs2(body: string): SmsSegmentInfo {
  const units = body.length;
  let characters = 0;
  for (let i = 0; i < body.length; i++) {
    characters++;
    if (isHigh(body.charCodeAt(i)) && i + 1 < body.length && isLow(body.charCodeAt(i + 1))) i++;
  }
  if (units <= 70) return { encoding: 'Ucs2', characters, units, segments: 1, remainingInLastSegment: 70 - units };
  // 67 code units per part, and a surrogate pair is never split across two parts.
  let segments = 1, used = 0;
  for (let i = 0; i < body.length; i++) {
    const cost = isHigh(body.charCodeAt(i)) && i + 1 < body.length && isLow(body.charCodeAt(i + 1)) ? 2 : 1;
    if (used + cost > 67) { segments++; used = 0; }
    used += cost;
    i += cost - 1;
  }
  return { encoding: 'Ucs2', characters, units, segments, remainingInLastSegment: 67 - used };
}

/** The characters that force UCS-2, so the editor can say which one to replace ("’" → "'"). */
export function nonGsmCharacters(body: string): string[] {
  const found = new Set<string>();
  for (const c of body) if (c.length > 1 || septetsOf(c) === 0) found.add(c);
  return [...found];
}

export function describeSms(info: SmsSegmentInfo): string {
  const encoding = info.encoding === 'Gsm7' ? 'GSM-7' : 'UCS-2';
  const unit = info.encoding === 'Gsm7' ? 'septets' : 'code units';
  return `${info.characters} characters · ${encoding} · ${info.segments} segment${info.segments === 1 ? '' : 's'} · ${info.remainingInLastSegment} ${unit} left in the last`;
}
