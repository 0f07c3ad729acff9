import { useEffect } from "react"
import { useProjectName } from "@/lib/project"

/** The page title `<Page> - <PROJECT_NAME>`, e.g. `Log In - hexstack`. */
export function useTitle(page: string) {
  const name = useProjectName()
  useEffect(() => {
    document.title = `${page} - ${name}`
  }, [page, name])
}
