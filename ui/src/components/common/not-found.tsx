import { Link } from "@tanstack/react-router"
import { Button } from "@/components/ui/button"

export function NotFound() {
  return (
    <div
      className="flex min-h-svh flex-col items-center justify-center gap-4 p-4 text-center"
      data-testid="not-found"
    >
      <span className="text-8xl font-bold leading-none">404</span>
      <span className="text-2xl font-bold">Oops!</span>
      <p className="text-muted-foreground">The page you are looking for was not found.</p>
      <Button asChild>
        <Link to="/">Go Back</Link>
      </Button>
    </div>
  )
}

export function ErrorComponent() {
  return (
    <div
      className="flex min-h-svh flex-col items-center justify-center gap-4 p-4 text-center"
      data-testid="error-component"
    >
      <span className="text-8xl font-bold leading-none">Error</span>
      <span className="text-2xl font-bold">Oops!</span>
      <p className="text-muted-foreground">Something went wrong. Please try again.</p>
      <Button asChild>
        <Link to="/">Go Home</Link>
      </Button>
    </div>
  )
}
