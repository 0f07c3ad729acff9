import * as React from "react"
import { cn } from "@/lib/utils"

/** Accessible tabs (WAI-ARIA tabs pattern with automatic activation). */
export function Tabs({
  tabs,
  className,
}: {
  tabs: { value: string; label: string; content: React.ReactNode }[]
  className?: string
}) {
  const [active, setActive] = React.useState(tabs[0]?.value ?? "")
  const refs = React.useRef<(HTMLButtonElement | null)[]>([])
  const baseId = React.useId()

  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    let next = index
    if (e.key === "ArrowRight") next = (index + 1) % tabs.length
    else if (e.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length
    else if (e.key === "Home") next = 0
    else if (e.key === "End") next = tabs.length - 1
    else return
    e.preventDefault()
    setActive(tabs[next].value)
    refs.current[next]?.focus()
  }

  return (
    <div className={cn("flex flex-col gap-4", className)}>
      <div
        role="tablist"
        aria-orientation="horizontal"
        className="inline-flex h-9 w-fit max-w-full items-center overflow-x-auto rounded-lg bg-muted p-1 text-muted-foreground"
      >
        {tabs.map((tab, i) => {
          const selected = tab.value === active
          return (
            <button
              key={tab.value}
              ref={(el) => {
                refs.current[i] = el
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.value}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel-${tab.value}`}
              tabIndex={selected ? 0 : -1}
              data-state={selected ? "active" : "inactive"}
              onClick={() => setActive(tab.value)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={cn(
                "inline-flex h-full cursor-pointer items-center justify-center whitespace-nowrap rounded-md px-3 text-sm font-medium transition-colors",
                selected && "bg-background text-foreground shadow-sm dark:bg-input/30",
              )}
            >
              {tab.label}
            </button>
          )
        })}
      </div>
      {tabs.map((tab) =>
        tab.value === active ? (
          <div
            key={tab.value}
            role="tabpanel"
            id={`${baseId}-panel-${tab.value}`}
            aria-labelledby={`${baseId}-tab-${tab.value}`}
          >
            {tab.content}
          </div>
        ) : null,
      )}
    </div>
  )
}
