import { Link } from "@tanstack/react-router"
import { useTheme } from "@/components/theme-provider"
import { cn } from "@/lib/utils"

export function Logo({
  variant = "full",
  className,
  asLink = true,
}: {
  variant?: "full" | "icon"
  className?: string
  asLink?: boolean
}) {
  const { resolvedTheme } = useTheme()
  const suffix = resolvedTheme === "dark" ? "-light" : ""
  const src =
    variant === "full"
      ? `/assets/images/fastapi-logo${suffix}.svg`
      : `/assets/images/fastapi-icon${suffix}.svg`
  const img = (
    <img
      src={src}
      alt="FastAPI"
      className={cn(variant === "full" ? "h-8 w-auto" : "size-8", className)}
    />
  )
  return asLink ? <Link to="/">{img}</Link> : img
}
