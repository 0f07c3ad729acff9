import { createFileRoute } from "@tanstack/react-router"
import { useCurrentUser } from "@/hooks/use-auth"
import { useTitle } from "@/hooks/use-title"

export const Route = createFileRoute("/_layout/")({
  component: Dashboard,
})

function Dashboard() {
  useTitle("Dashboard")
  const { data: user } = useCurrentUser()
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-bold tracking-tight">Hi, {user?.full_name || user?.email} 👋</h1>
      <p className="text-muted-foreground">Welcome back, nice to see you again!!!</p>
    </div>
  )
}
