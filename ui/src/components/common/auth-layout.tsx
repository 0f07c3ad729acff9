import type * as React from "react"
import { AppearanceIconButton } from "./appearance"
import { Footer } from "./footer"
import { Logo } from "./logo"

export function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-svh lg:grid-cols-2">
      <div className="relative hidden items-center justify-center bg-muted lg:flex">
        <Logo variant="full" size="lg" asLink={false} />
      </div>
      <div className="flex flex-col gap-4 p-6 md:p-10">
        <div className="flex justify-end">
          <AppearanceIconButton />
        </div>
        <div className="flex flex-1 items-center justify-center">
          <div className="w-full max-w-xs">{children}</div>
        </div>
        <Footer />
      </div>
    </div>
  )
}
