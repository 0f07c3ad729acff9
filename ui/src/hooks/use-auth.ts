import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import {
  loginLoginAccessTokenMutation,
  usersReadUserMeOptions,
} from "@/client/@tanstack/react-query.gen"
import { getToken, TOKEN_KEY } from "@/lib/api"
import { useShowError } from "./use-toast"

/** "Logged in" means the key exists, even with an empty value (ui.md 1.2). */
export function isLoggedIn(): boolean {
  return getToken() !== null
}

/** The current user, from the generated `usersReadUserMeOptions()`: route guards fetch it through
 * the query client too, so a 401/403 there reaches the global rule (drop the token, go to /login)
 * like any other query. */
export function useCurrentUser() {
  return useQuery({ ...usersReadUserMeOptions(), enabled: isLoggedIn() })
}

export function useLogin() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const showError = useShowError()
  return useMutation({
    ...loginLoginAccessTokenMutation(),
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
