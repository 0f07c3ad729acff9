import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Monitor, Smartphone, Tablet } from "lucide-react"
import type { SessionPublic } from "@/client"
import {
  usersDeleteOtherSessionsMeMutation,
  usersDeleteSessionMeMutation,
  usersReadSessionsMeOptions,
  usersReadSessionsMeQueryKey,
} from "@/client/@tanstack/react-query.gen"
import { LoadingButton } from "@/components/ui/button"
import { Badge, Skeleton } from "@/components/ui/misc"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type DeviceKind, describeDevice } from "@/lib/device"
import { relativeTime } from "@/lib/relative-time"

function DeviceIcon({ kind }: { kind: DeviceKind }) {
  const Icon = kind === "mobile" ? Smartphone : kind === "tablet" ? Tablet : Monitor
  return <Icon className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
}

/** Built when used: the key holds the client's base URL. */
const sessionsKey = () => ({ queryKey: usersReadSessionsMeQueryKey() })

function SessionRow({ session }: { session: SessionPublic }) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const device = describeDevice(session.user_agent)
  const end = useMutation({
    ...usersDeleteSessionMeMutation(),
    onSuccess: () => showSuccess("The session was ended"),
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(sessionsKey()),
  })
  return (
    <li
      data-testid="session"
      className="flex flex-wrap items-center gap-3 rounded-lg border p-3"
      aria-label={device.name}
    >
      <DeviceIcon kind={device.kind} />
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-medium" title={session.user_agent ?? undefined}>
            {device.name}
          </span>
          {session.current && <Badge variant="outline">This device</Badge>}
        </div>
        <span className="text-muted-foreground text-sm">
          {session.ip ?? "Unknown address"} · Last used{" "}
          <time dateTime={session.last_used_at} title={session.last_used_at}>
            {relativeTime(session.last_used_at)}
          </time>
        </span>
      </div>
      {!session.current && (
        <LoadingButton
          variant="outline"
          size="sm"
          loading={end.isPending}
          onClick={() => end.mutate({ path: { session_id: session.id } })}
        >
          End session
        </LoadingButton>
      )}
    </li>
  )
}

/** Settings > Sessions: where one is logged in, and ending those sessions. */
export function Sessions() {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const { data, isPending } = useQuery(usersReadSessionsMeOptions())
  const endOthers = useMutation({
    ...usersDeleteOtherSessionsMeMutation(),
    onSuccess: () => showSuccess("You were logged out everywhere else"),
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(sessionsKey()),
  })
  const others = data?.data.filter((s) => !s.current).length ?? 0
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Sessions</h2>
        <p className="text-muted-foreground text-sm">
          The devices where you are logged in. Ending a session logs that device out on its next
          request.
        </p>
      </div>
      {isPending ? (
        <div className="flex flex-col gap-2">
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
      ) : (
        <ul className="flex flex-col gap-2">
          {data?.data.map((s) => (
            <SessionRow key={s.id} session={s} />
          ))}
        </ul>
      )}
      <div>
        <LoadingButton
          variant="destructive"
          loading={endOthers.isPending}
          disabled={others === 0}
          onClick={() => endOthers.mutate({})}
        >
          Log out everywhere else
        </LoadingButton>
      </div>
    </div>
  )
}
