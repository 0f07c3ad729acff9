// Applies the stored theme class before the app loads, so dark mode does not flash light
// (the same rule as src/components/theme-provider.tsx: default "dark", "system" follows the OS).
;(() => {
  const root = document.documentElement
  try {
    let theme = localStorage.getItem("vite-ui-theme")
    if (theme !== "light" && theme !== "dark" && theme !== "system") theme = "dark"
    if (theme === "system") {
      theme = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"
    }
    root.classList.add(theme)
  } catch {
    root.classList.add("dark")
  }
})()
