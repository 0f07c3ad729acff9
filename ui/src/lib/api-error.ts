/** An error from the API client: `status` is undefined for network errors (no response). */
export class ApiError extends Error {
  readonly status: number | undefined
  readonly body: unknown

  constructor(message: string, status: number | undefined, body: unknown) {
    super(message)
    this.name = "ApiError"
    this.status = status
    this.body = body
  }
}
