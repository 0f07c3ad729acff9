import { createHmac } from "node:crypto"

// TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) computed by the tests from the secret
// the page shows, as an authenticator app would.

const STEP_MS = 30_000
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/** RFC 4648 base32, without padding (spaces and `=` ignored). */
function base32Decode(text: string): Buffer {
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const ch of text.replace(/[\s=]/g, "").toUpperCase()) {
    const index = ALPHABET.indexOf(ch)
    if (index < 0) throw new Error(`not base32: ${ch}`)
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >> bits) & 0xff)
    }
  }
  return Buffer.from(bytes)
}

/** The 30-second step of `timeMs` (the TOTP counter). */
export const stepOf = (timeMs: number) => Math.floor(timeMs / STEP_MS)

/** The code of `secret` (base32) at `timeMs`. */
export function totp(secret: string, timeMs = Date.now()): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(stepOf(timeMs)))
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0")
}

/** Waits until a step later than `usedStep` has begun: the server accepts each code once. */
export async function waitForStepAfter(usedStep: number): Promise<void> {
  const wait = (usedStep + 1) * STEP_MS - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 100))
}
