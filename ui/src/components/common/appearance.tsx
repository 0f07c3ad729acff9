import { Monitor, Moon, Sun } from "lucide-react"
import * as React from "react"
import { useTheme } from "@/components/theme-provider"
import { Button } from "@/components/ui/button"
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu"
import { cn } from "@/lib/utils"

function ThemeIcon({ theme }: { theme: string }) {
  if (theme === "light") return <Sun className="size-4" />
  if (theme === "dark") return <Moon className="size-4" />
  return <Monitor className="size-4" />
}

function ThemeMenuItems() {
  const { setTheme } = useTheme()
  return (
    <>
      <DropdownMenuItem data-testid="light-mode" onSelect={() => setTheme("light")}>
        <Sun /> Light
      </DropdownMenuItem>
      <DropdownMenuItem data-testid="dark-mode" onSelect={() => setTheme("dark")}>
        <Moon /> Dark
      </DropdownMenuItem>
      <DropdownMenuItem data-testid="system-mode" onSelect={() => setTheme("system")}>
        <Monitor /> System
      </DropdownMenuItem>
    </>
  )
}

/**
 * The theme menu. Pressing the trigger while the menu is open keeps it open (the menu closes on a
 * choice, Escape or a click elsewhere), which is how the original app behaves and what its
 * Playwright suite relies on ("Selected mode is preserved across sessions" presses the button twice).
 */
function ThemeMenu({
  trigger,
  side,
  align,
}: {
  trigger: React.ReactElement
  side: "top" | "right" | "bottom"
  align: "start" | "end"
}) {
  const [open, setOpen] = React.useState(false)
  const triggerRef = React.useRef<HTMLSpanElement>(null)
  return (
    <DropdownMenu open={open} onOpenChange={setOpen} modal={false}>
      <span
        ref={triggerRef}
        className="contents"
        onPointerDownCapture={(e) => {
          if (open) e.preventDefault()
        }}
      >
        <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      </span>
      <DropdownMenuContent
        side={side}
        align={align}
        onInteractOutside={(e) => {
          if (triggerRef.current?.contains(e.target as Node)) e.preventDefault()
        }}
      >
        <ThemeMenuItems />
      </DropdownMenuContent>
    </DropdownMenu>
  )
}

/** The icon-only theme button of the auth pages. */
export function AppearanceIconButton() {
  const { theme } = useTheme()
  return (
    <ThemeMenu
      side="bottom"
      align="end"
      trigger={
        <Button variant="outline" size="icon" data-testid="theme-button">
          <ThemeIcon theme={theme} />
          <span className="sr-only">Toggle theme</span>
        </Button>
      }
    />
  )
}

/** The sidebar footer's `Appearance` menu button. */
export function AppearanceMenuButton({ collapsed }: { collapsed: boolean }) {
  const { theme } = useTheme()
  return (
    <ThemeMenu
      side="top"
      align="start"
      trigger={
        <button
          type="button"
          data-testid="theme-button"
          title={collapsed ? "Appearance" : undefined}
          className={cn(
            "flex h-9 w-full cursor-pointer items-center gap-2 rounded-md px-2 text-sm hover:bg-sidebar-accent",
            collapsed && "justify-center px-0",
          )}
        >
          <ThemeIcon theme={theme} />
          <span className={cn(collapsed && "sr-only")} aria-hidden="true">
            Appearance
          </span>
          <span className="sr-only">Toggle theme</span>
        </button>
      }
    />
  )
}
