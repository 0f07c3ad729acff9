import { createFileRoute } from "@tanstack/react-router"
import { ChangePassword } from "@/components/settings/change-password"
import { DeleteAccount } from "@/components/settings/delete-account"
import { UserInformation } from "@/components/settings/profile"
import { SecurityActivity } from "@/components/settings/security-activity"
import { Sessions } from "@/components/settings/sessions"
import { TwoFactor } from "@/components/settings/two-factor"
import { Tabs } from "@/components/ui/tabs"
import { useCurrentUser } from "@/hooks/use-auth"
import { useTitle } from "@/hooks/use-title"

export const Route = createFileRoute("/_layout/settings")({
  component: UserSettings,
})

function UserSettings() {
  useTitle("Settings")
  const { data: user } = useCurrentUser()
  if (!user) return null
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">User Settings</h1>
        <p className="text-muted-foreground">Manage your account settings and preferences</p>
      </div>
      <Tabs
        tabs={[
          { value: "my-profile", label: "My profile", content: <UserInformation user={user} /> },
          { value: "password", label: "Password", content: <ChangePassword /> },
          { value: "two-factor", label: "Two-factor", content: <TwoFactor /> },
          { value: "sessions", label: "Sessions", content: <Sessions /> },
          {
            value: "security-activity",
            label: "Security activity",
            content: <SecurityActivity />,
          },
          { value: "danger-zone", label: "Danger zone", content: <DeleteAccount /> },
        ]}
      />
    </div>
  )
}
