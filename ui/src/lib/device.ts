/**
 * A session's device as people name it ("Chrome 140 on Linux"), read from the user agent the
 * server recorded at login. Parsing user agents well is a moving target, so it is left to Bowser
 * (MIT, no dependencies); this module only words the result.
 */
import Bowser from "bowser"

export type DeviceKind = "desktop" | "mobile" | "tablet" | "unknown"

export type Device = { name: string; kind: DeviceKind }

const MAX_RAW_LENGTH = 60

export function describeDevice(userAgent: string | null | undefined): Device {
  const ua = userAgent?.trim()
  if (!ua) return { name: "Unknown device", kind: "unknown" }
  const parsed = Bowser.parse(ua)
  const browser = parsed.browser.name
  const major = parsed.browser.version?.split(".")[0]
  const os = parsed.os.name
  const type = parsed.platform.type
  const kind: DeviceKind =
    type === "desktop" || type === "mobile" || type === "tablet" ? type : "unknown"
  if (!browser) {
    // not a browser (curl, an HTTP library): its own product token says most
    const raw = ua.length > MAX_RAW_LENGTH ? `${ua.slice(0, MAX_RAW_LENGTH)}…` : ua
    return { name: raw, kind }
  }
  const label = major ? `${browser} ${major}` : browser
  return { name: os ? `${label} on ${os}` : label, kind }
}
