import { describe, expect, it } from "vitest"
import { ApiError, errorMessage } from "@/lib/api"

describe("errorMessage (ui.md 1.3)", () => {
  it("shows a string detail as is", () => {
    const err = new ApiError("Request failed with status code 400", 400, {
      detail: "Incorrect email or password",
    })
    expect(errorMessage(err)).toBe("Incorrect email or password")
  })

  it("shows the first message of a 422 list", () => {
    const err = new ApiError("Request failed with status code 422", 422, {
      detail: [
        {
          type: "string_too_short",
          loc: ["body", "password"],
          msg: "String should have at least 8 characters",
        },
        { type: "missing", loc: ["body", "email"], msg: "Field required" },
      ],
    })
    expect(errorMessage(err)).toBe("String should have at least 8 characters")
  })

  it("falls back to the error message for an empty list or a plain-text body", () => {
    expect(
      errorMessage(new ApiError("Request failed with status code 422", 422, { detail: [] })),
    ).toBe("Request failed with status code 422")
    expect(
      errorMessage(
        new ApiError("Request failed with status code 500", 500, "Internal Server Error"),
      ),
    ).toBe("Request failed with status code 500")
  })

  it("shows Network Error when there was no response", () => {
    expect(
      errorMessage(new ApiError("Network Error", undefined, new TypeError("fetch failed"))),
    ).toBe("Network Error")
  })

  it("uses a generic text for non-API errors", () => {
    expect(errorMessage(new Error("boom"))).toBe("Something went wrong.")
    expect(errorMessage("weird")).toBe("Something went wrong.")
  })
})
