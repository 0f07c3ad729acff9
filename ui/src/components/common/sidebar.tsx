import * as DialogPrimitive from "@radix-ui/react-dialog"
import { Link, useRouterState } from "@tanstack/react-router"
import { Briefcase, Home, LogOut, PanelLeft, ScrollText, Settings, Users } from "lucide-react"
import * as React from "react"
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu"
import { Avatar } from "@/components/ui/misc"
import { useCurrentUser, useLogout } from "@/hooks/use-auth"
import { cn, getInitials } from "@/lib/utils"
import { AppearanceMenuButton } from "./appearance"
import { Logo } from "./logo"

const COOKIE = "sidebar_state"
const COOKIE_MAX_AGE = 60 * 60 * 24 * 7
const MOBILE_QUERY = "(max-width: 767px)"

type SidebarState = {
  open: boolean
  openMobile: boolean
  isMobile: boolean
  setOpenMobile: (open: boolean) => void
  toggle: () => void
}

const SidebarContext = React.createContext<SidebarState | null>(null)

export function useSidebar(): SidebarState {
  const ctx = React.useContext(SidebarContext)
  if (!ctx) throw new Error("useSidebar must be used inside SidebarProvider")
  return ctx
}

function readCookie(): boolean {
  const match = document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`))
  return match ? match.split("=")[1] !== "false" : true
}

function useIsMobile(): boolean {
  const [mobile, setMobile] = React.useState(() => window.matchMedia?.(MOBILE_QUERY).matches)
  React.useEffect(() => {
    const mql = window.matchMedia?.(MOBILE_QUERY)
    if (!mql) return
    const onChange = () => setMobile(mql.matches)
    mql.addEventListener("change", onChange)
    return () => mql.removeEventListener("change", onChange)
  }, [])
  return !!mobile
}

export function SidebarProvider({ children }: { children: React.ReactNode }) {
  const isMobile = useIsMobile()
  const [open, setOpen] = React.useState(readCookie)
  const [openMobile, setOpenMobile] = React.useState(false)

  const toggle = React.useCallback(() => {
    if (isMobile) {
      setOpenMobile((o) => !o)
      return
    }
    setOpen((o) => {
      const next = !o
      // biome-ignore lint/suspicious/noDocumentCookie: the spec stores the state in this cookie
      document.cookie = `${COOKIE}=${next}; path=/; max-age=${COOKIE_MAX_AGE}`
      return next
    })
  }, [isMobile])

  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "b" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault()
        toggle()
      }
    }
    window.addEventListener("keydown", onKey)
    return () => window.removeEventListener("keydown", onKey)
  }, [toggle])

  const value = React.useMemo(
    () => ({ open, openMobile, isMobile, setOpenMobile, toggle }),
    [open, openMobile, isMobile, toggle],
  )
  return <SidebarContext.Provider value={value}>{children}</SidebarContext.Provider>
}

export function SidebarTrigger() {
  const { open, openMobile, isMobile, toggle } = useSidebar()
  const expanded = isMobile ? openMobile : open
  return (
    <button
      type="button"
      onClick={toggle}
      className="flex size-8 cursor-pointer items-center justify-center rounded-md hover:bg-accent"
    >
      <PanelLeft className="size-4" />
      <span className="sr-only">{expanded ? "Collapse Sidebar" : "Open Sidebar"}</span>
    </button>
  )
}

const baseItems = [
  { title: "Dashboard", to: "/", icon: Home },
  { title: "Items", to: "/items", icon: Briefcase },
] as const

const superuserItems = [
  { title: "Admin", to: "/admin", icon: Users },
  { title: "Activity", to: "/activity", icon: ScrollText },
] as const

function NavMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const { data: user } = useCurrentUser()
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  const items = user?.is_superuser ? [...baseItems, ...superuserItems] : baseItems
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const active = pathname === item.to
          return (
            <li key={item.to}>
              <Link
                to={item.to}
                onClick={onNavigate}
                title={collapsed ? item.title : undefined}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex h-9 items-center gap-2 rounded-md px-2 text-sm hover:bg-sidebar-accent",
                  active && "bg-sidebar-accent font-medium text-sidebar-accent-foreground",
                  collapsed && "justify-center px-0",
                )}
              >
                <item.icon className="size-4 shrink-0" />
                <span className={cn(collapsed && "sr-only")}>{item.title}</span>
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

function UserMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const { data: user } = useCurrentUser()
  const logout = useLogout()
  if (!user) return null
  const initials = getInitials(user.full_name)
  const block = (
    <>
      <Avatar initials={initials} />
      <div
        className={cn(
          "grid min-w-0 flex-1 text-left text-sm leading-tight",
          collapsed && "sr-only",
        )}
      >
        <span className="truncate font-medium">{user.full_name}</span>
        <span className="truncate text-muted-foreground text-xs">{user.email}</span>
      </div>
    </>
  )
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          data-testid="user-menu"
          className={cn(
            "flex w-full cursor-pointer items-center gap-2 rounded-md p-2 hover:bg-sidebar-accent",
            collapsed && "justify-center p-0",
          )}
        >
          {block}
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="min-w-56">
        <DropdownMenuLabel className="flex items-center gap-2 font-normal">
          <Avatar initials={initials} />
          <div className="grid min-w-0 flex-1 text-left text-sm leading-tight">
            <span className="truncate font-medium">{user.full_name}</span>
            <span className="truncate text-muted-foreground text-xs">{user.email}</span>
          </div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/settings" onClick={onNavigate}>
            <Settings /> User Settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={logout}>
          <LogOut /> Log Out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}

function SidebarBody({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4 p-2">
      <div className={cn("flex h-10 items-center px-2", collapsed && "justify-center px-0")}>
        <Logo variant={collapsed ? "icon" : "full"} size={collapsed ? "sm" : "md"} />
      </div>
      <div className="flex-1">
        <NavMenu collapsed={collapsed} onNavigate={onNavigate} />
      </div>
      <div className="flex flex-col gap-1">
        <AppearanceMenuButton collapsed={collapsed} />
        <UserMenu collapsed={collapsed} onNavigate={onNavigate} />
      </div>
    </div>
  )
}

export function AppSidebar() {
  const { open, openMobile, isMobile, setOpenMobile } = useSidebar()
  if (isMobile) {
    return (
      <DialogPrimitive.Root open={openMobile} onOpenChange={setOpenMobile}>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50" />
          <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 w-72 bg-sidebar text-sidebar-foreground shadow-lg">
            <DialogPrimitive.Title className="sr-only">Sidebar</DialogPrimitive.Title>
            <DialogPrimitive.Description className="sr-only">
              Displays the mobile sidebar.
            </DialogPrimitive.Description>
            <SidebarBody collapsed={false} onNavigate={() => setOpenMobile(false)} />
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
    )
  }
  return (
    <aside
      className={cn(
        "sticky top-0 h-svh shrink-0 border-r bg-sidebar text-sidebar-foreground transition-[width] duration-200",
        open ? "w-64" : "w-14",
      )}
      data-state={open ? "expanded" : "collapsed"}
    >
      <SidebarBody collapsed={!open} />
    </aside>
  )
}
