import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import type { UserPublic } from "@/client"
import { loginLoginAccessToken, usersReadUserMe } from "@/client/sdk.gen"
import { getToken, TOKEN_KEY } from "@/lib/api"
import { useShowError } from "./use-toast"

/** "Logged in" means the key exists, even with an empty value (ui.md 1.2). */
export function isLoggedIn(): boolean {
  return getToken() !== null
}

export const currentUserQueryKey = ["currentUser"] as const

/** The current user's query: route guards fetch it through the query client too, so a 401/403
 * there reaches the global rule (drop the token, go to /login) like any other query. */
export const currentUserQuery = {
  queryKey: currentUserQueryKey,
  queryFn: async () => (await usersReadUserMe()).data as UserPublic,
}

export function useCurrentUser() {
  return useQuery<UserPublic>({ ...currentUserQuery, enabled: isLoggedIn() })
}

export function useLogin() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const showError = useShowError()
  return useMutation({
    mutationFn: async (values: { username: string; password: string }) =>
      // only username and password are sent (ui.md 2.2); the other OAuth2 form fields are optional
      (
        await loginLoginAccessToken({
          body: values as Parameters<typeof loginLoginAccessToken>[0]["body"],
        })
      ).data,
    onSuccess: (token) => {
      if (token) localStorage.setItem(TOKEN_KEY, token.access_token)
      queryClient.clear()
      navigate({ to: "/" })
    },
    onError: showError,
  })
}

export function useLogout() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return () => {
    localStorage.removeItem(TOKEN_KEY)
    queryClient.clear()
    navigate({ to: "/login" })
  }
}
