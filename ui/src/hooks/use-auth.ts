import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import {
  loginLoginSessionMutation,
  usersReadSecurityMeOptions,
  usersReadUserMeOptions,
} from "@/client/@tanstack/react-query.gen"
import { isEmailNotVerified } from "@/lib/api"
import { isLoggedIn, logOut, startSession } from "@/lib/session"
import { twoFactorToken } from "@/lib/two-factor"
import { useShowError } from "./use-toast"

/** The current user, from the generated `usersReadUserMeOptions()`: route guards fetch it through
 * the query client too, so a 401/403 there reaches the global rule (log out, go to /login)
 * like any other query. */
export function useCurrentUser() {
  return useQuery({ ...usersReadUserMeOptions(), enabled: isLoggedIn() })
}

/** The account's security state (`GET /users/me/security`: email verified, two-factor,
 * sessions) under its generated key, read like the current user. */
export function useAccountSecurity() {
  return useQuery({ ...usersReadSecurityMeOptions(), enabled: isLoggedIn() })
}

/** What a successful login does, after the password or after the two-factor code: the
 * short-lived token stays in memory (`lib/session.ts`), the cache of whoever was here before
 * goes, and the app opens. */
export function useFinishLogin() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return (token: { access_token: string }) => {
    startSession(token.access_token)
    queryClient.clear()
    navigate({ to: "/" })
  }
}

/** Logs in through `POST /login/session`; the server sets the refresh cookie, hence
 * `credentials: "include"` (needed when the API is on another origin, e.g. the Vite dev
 * server). Two refusals are no toast, the login form handles them (`login.error`): an
 * unverified email (explained) and a correct password that still needs a two-factor code (the
 * code step). */
export function useLogin() {
  const finishLogin = useFinishLogin()
  const showError = useShowError()
  return useMutation({
    ...loginLoginSessionMutation({ credentials: "include" }),
    onSuccess: finishLogin,
    onError: (err) => {
      if (!isEmailNotVerified(err) && twoFactorToken(err) === undefined) showError(err)
    },
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
