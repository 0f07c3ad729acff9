import { Link } from "@tanstack/react-router"
import { useTheme } from "@/components/theme-provider"
import { useProjectName } from "@/lib/project"
import { cn } from "@/lib/utils"

const sizes = {
  sm: { mark: "size-6", name: "text-lg" },
  md: { mark: "size-7", name: "text-xl" },
  lg: { mark: "size-16", name: "text-5xl" },
}

/** hexstack's mark (three stacked hexagonal layers) and, in the full variant, the project's name
 * beside it. In dark mode the mark switches to its `-light` variant (ui.md 1.4). */
export function Logo({
  variant = "full",
  size = "md",
  asLink = true,
}: {
  variant?: "full" | "icon"
  size?: keyof typeof sizes
  asLink?: boolean
}) {
  const { resolvedTheme } = useTheme()
  const name = useProjectName()
  const src = `/assets/images/hexstack-icon${resolvedTheme === "dark" ? "-light" : ""}.svg`
  const { mark, name: text } = sizes[size]
  const logo =
    variant === "icon" ? (
      <img src={src} alt={name} className={mark} />
    ) : (
      <span className="flex items-center gap-2">
        <img src={src} alt="" className={mark} />
        <span className={cn("font-bold tracking-tight", text)}>{name}</span>
      </span>
    )
  return asLink ? <Link to="/">{logo}</Link> : logo
}
