import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react"
import * as React from "react"
import { Button } from "@/components/ui/button"
import { Skeleton } from "@/components/ui/misc"
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table"
import { cn } from "@/lib/utils"

export type Column<T> = {
  id: string
  header: string
  srOnlyHeader?: boolean
  cell: (row: T) => React.ReactNode
  className?: string
}

const PAGE_SIZES = [5, 10, 25, 50]

/** Paging done by the API (`skip`/`limit`): the table shows `data` as the page `page` of
 * `total` rows and asks for another page through the callbacks. */
export type ServerPagination = {
  page: number
  pageSize: number
  total: number
  onPageChange: (page: number) => void
  onPageSizeChange: (pageSize: number) => void
}

/** The page state of a table paged by the API, 10 rows per page by default; `skip` and
 * `limit` are the query parameters of the current page. */
export function useServerPagination() {
  const [pageSize, setPageSize] = React.useState(10)
  const [page, setPage] = React.useState(0)
  return {
    skip: page * pageSize,
    limit: pageSize,
    pagination: (total: number): ServerPagination => ({
      page,
      pageSize,
      total,
      onPageChange: setPage,
      onPageSizeChange: (size) => {
        setPageSize(size)
        setPage(0)
      },
    }),
  }
}

/** A table paginated in the browser (ui.md 2.11): 10 rows per page by default; or, with
 * `pagination`, one page of rows paged by the API, with the same controls. */
export function DataTable<T>({
  columns,
  data,
  rowKey,
  emptyText = "No results found.",
  pagination,
}: {
  columns: Column<T>[]
  data: T[]
  rowKey: (row: T) => string
  emptyText?: string
  pagination?: ServerPagination
}) {
  const [localPageSize, setLocalPageSize] = React.useState(10)
  const [localPage, setLocalPage] = React.useState(0)
  const pageSize = pagination?.pageSize ?? localPageSize
  const total = pagination?.total ?? data.length
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(pagination?.page ?? localPage, pageCount - 1)
  const rows = pagination ? data : data.slice(current * pageSize, current * pageSize + pageSize)
  const first = total === 0 ? 0 : current * pageSize + 1
  const last = Math.min(total, (current + 1) * pageSize)
  const setPage = pagination?.onPageChange ?? setLocalPage
  const setPageSize = (size: number) => {
    if (pagination) {
      pagination.onPageSizeChange(size)
      return
    }
    setLocalPageSize(size)
    setLocalPage(0)
  }
  const selectId = React.useId()

  return (
    <div className="flex flex-col gap-4">
      <Table>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.id} className={c.className}>
                {c.srOnlyHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length} className="h-24 text-center">
                {emptyText}
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow key={rowKey(row)}>
                {columns.map((c) => (
                  <TableCell key={c.id} className={c.className}>
                    {c.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {pageCount > 1 && (
        <div className="flex flex-col gap-4 text-sm sm:flex-row sm:items-center sm:justify-between">
          <p className="text-muted-foreground">
            Showing {first} to {last} of {total} entries
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <div className="flex items-center gap-2">
              <label htmlFor={selectId}>Rows per page</label>
              <select
                id={selectId}
                className="h-8 rounded-md border bg-background px-2"
                value={pageSize}
                onChange={(e) => setPageSize(Number(e.target.value))}
              >
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <span>
              Page {current + 1} of {pageCount}
            </span>
            <div className="flex items-center gap-1">
              <PageButton
                label="Go to first page"
                disabled={current === 0}
                onClick={() => setPage(0)}
              >
                <ChevronsLeft />
              </PageButton>
              <PageButton
                label="Go to previous page"
                disabled={current === 0}
                onClick={() => setPage(current - 1)}
              >
                <ChevronLeft />
              </PageButton>
              <PageButton
                label="Go to next page"
                disabled={current >= pageCount - 1}
                onClick={() => setPage(current + 1)}
              >
                <ChevronRight />
              </PageButton>
              <PageButton
                label="Go to last page"
                disabled={current >= pageCount - 1}
                onClick={() => setPage(pageCount - 1)}
              >
                <ChevronsRight />
              </PageButton>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}

function PageButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string
  disabled: boolean
  onClick: () => void
  children: React.ReactNode
}) {
  return (
    <Button variant="outline" size="icon" className="size-8" disabled={disabled} onClick={onClick}>
      {children}
      <span className="sr-only">{label}</span>
    </Button>
  )
}

/** Loading skeleton: the real headers and 5 rows. */
export function TableSkeleton({ headers }: { headers: string[] }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {headers.map((h) => (
            <TableHead key={h}>{h}</TableHead>
          ))}
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {[0, 1, 2, 3, 4].map((i) => (
          <TableRow key={i}>
            {[...headers, "actions"].map((h) => (
              <TableCell key={h}>
                <Skeleton className={cn("h-4", h === "actions" ? "w-6" : "w-24")} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
