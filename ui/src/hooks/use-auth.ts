import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import {
  loginLoginSessionMutation,
  usersReadUserMeOptions,
} from "@/client/@tanstack/react-query.gen"
import { isLoggedIn, logOut, startSession } from "@/lib/session"
import { useShowError } from "./use-toast"

/** The current user, from the generated `usersReadUserMeOptions()`: route guards fetch it through
 * the query client too, so a 401/403 there reaches the global rule (log out, go to /login)
 * like any other query. */
export function useCurrentUser() {
  return useQuery({ ...usersReadUserMeOptions(), enabled: isLoggedIn() })
}

/** Logs in through `POST /login/session`: the short-lived token stays in memory
 * (`lib/session.ts`) and the server sets the refresh cookie, hence `credentials: "include"`
 * (needed when the API is on another origin, e.g. the Vite dev server). */
export function useLogin() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const showError = useShowError()
  return useMutation({
    ...loginLoginSessionMutation({ credentials: "include" }),
    onSuccess: (token) => {
      startSession(token.access_token)
      queryClient.clear()
      navigate({ to: "/" })
    },
    onError: showError,
  })
}

/** Ends the session on the server, then (whatever it answered) forgets it and opens /login. */
export function useLogout() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return async () => {
    await logOut()
    queryClient.clear()
    navigate({ to: "/login" })
  }
}
