import { Copy, Download } from "lucide-react"
import { toast } from "sonner"
import { Button } from "@/components/ui/button"
import { showSuccess } from "@/hooks/use-toast"
import { useProjectName } from "@/lib/project"

/** The text file of `Download`: what the codes are, then one code a line. */
export function recoveryCodesFile(projectName: string, codes: string[]): string {
  return [
    `${projectName} recovery codes`,
    "Each code logs you in once when you cannot use your authenticator app.",
    "",
    ...codes,
    "",
  ].join("\n")
}

/** The name of that file: `acme-stack-recovery-codes.txt` for the project `Acme Stack`. */
export function recoveryCodesFilename(projectName: string): string {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
  return `${slug || "account"}-recovery-codes.txt`
}

/** Saves `text` as a file through a temporary link (the browser's download, no server). */
function downloadText(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }))
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // later: some browsers read the URL after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The recovery codes, shown once (the server keeps only their hashes): a list, `Copy`,
 * `Download` (a .txt file) and the button that leaves (`doneLabel`). */
export function RecoveryCodes({
  codes,
  doneLabel,
  onDone,
}: {
  codes: string[]
  doneLabel: string
  onDone: () => void
}) {
  const projectName = useProjectName()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"))
      showSuccess("Recovery codes copied")
    } catch {
      // no clipboard (an insecure context, a denied permission): the codes are still on screen
      toast.error("Could not copy the codes", { description: "Select and copy them instead." })
    }
  }
  return (
    <section aria-labelledby="recovery-codes-heading" className="flex flex-col gap-4">
      <div>
        <h3 id="recovery-codes-heading" className="font-semibold">
          Your recovery codes
        </h3>
        <p className="text-muted-foreground text-sm">
          Keep them somewhere safe: each code logs you in once if you lose your authenticator app.
          They are shown only now.
        </p>
      </div>
      <ol
        data-testid="recovery-codes"
        aria-label="Recovery codes"
        className="grid w-fit grid-cols-2 gap-x-6 gap-y-1 rounded-lg border p-4 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={copy}>
          <Copy /> Copy
        </Button>
        <Button
          variant="outline"
          onClick={() =>
            downloadText(recoveryCodesFilename(projectName), recoveryCodesFile(projectName, codes))
          }
        >
          <Download /> Download
        </Button>
        <Button onClick={onDone}>{doneLabel}</Button>
      </div>
    </section>
  )
}
