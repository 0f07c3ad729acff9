import { useCallback } from "react"
import { toast } from "sonner"
import { errorMessage } from "@/lib/api"

export function showSuccess(description: string) {
  toast.success("Success!", { description })
}

export function showErrorToast(err: unknown) {
  toast.error("Something went wrong!", { description: errorMessage(err) })
}

export function useShowError() {
  return useCallback((err: unknown) => showErrorToast(err), [])
}
