import { type ClassValue, clsx } from "clsx"
import { twMerge } from "tailwind-merge"

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs))
}

/** Initials for the avatar: first letters of the first two words, upper-cased; `U` when empty. */
export function getInitials(name: string | null | undefined): string {
  const words = (name ?? "").split(" ").filter((w) => w.length > 0)
  if (words.length === 0) return "U"
  return words
    .slice(0, 2)
    .map((w) => w[0])
    .join("")
    .toUpperCase()
}
