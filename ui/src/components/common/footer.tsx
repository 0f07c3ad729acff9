import { BookOpen, GitBranch } from "lucide-react"
import { apiBaseUrl } from "@/lib/api"
import { REPOSITORY_URL, useProjectName } from "@/lib/project"

/** `<PROJECT_NAME> - <year>` and the project's own links: the interactive API docs this server
 * serves (Swagger UI at `/docs`, offline) and the source repository. */
export function Footer() {
  const name = useProjectName()
  const year = new Date().getFullYear()
  const links = [
    { label: "API docs", href: `${apiBaseUrl()}/docs`, icon: <BookOpen /> },
    { label: "Source code", href: REPOSITORY_URL, icon: <GitBranch /> },
  ]
  return (
    <footer className="border-t px-4 py-4">
      <div className="mx-auto flex max-w-7xl flex-col items-center justify-between gap-2 sm:flex-row">
        <p className="text-muted-foreground text-sm">
          {name} - {year}
        </p>
        <nav aria-label="Project links" className="flex items-center gap-4">
          {links.map((l) => (
            <a
              key={l.label}
              href={l.href}
              target="_blank"
              rel="noopener noreferrer"
              className="flex items-center gap-1.5 text-muted-foreground text-sm hover:text-foreground [&_svg]:size-4"
            >
              {l.icon}
              {l.label}
            </a>
          ))}
        </nav>
      </div>
    </footer>
  )
}
