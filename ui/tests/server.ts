import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"

export const API = "http://localhost:3000"

export const superuser = {
  email: "admin@example.com",
  is_active: true,
  is_superuser: true,
  full_name: "Admin User",
  id: "6c0e1c8a-3a52-4f0e-9a55-0a7c6f0f7d11",
  created_at: "2026-01-01T00:00:00Z",
}

/** The server's PROJECT_NAME as its OpenAPI document tells it (`info.title`); not the default,
 * so that the tests show the app reads it. */
export const PROJECT_NAME = "Acme Stack"

/** What `GET /users/me/security` and `GET /users/{id}/security` answer unless a test says
 * otherwise: a verified email, so that the layout shows no verification banner. */
export const verifiedSecurity = { email_verified: true, two_factor_enabled: false, sessions: 1 }

export const server = setupServer(
  http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(superuser)),
  http.get(`${API}/api/v1/users/me/security`, () => HttpResponse.json(verifiedSecurity)),
  http.get(`${API}/api/v1/users/:id/security`, () => HttpResponse.json(verifiedSecurity)),
  // no refresh cookie: a page load that tries to restore a session finds none
  http.post(`${API}/api/v1/login/refresh`, () =>
    HttpResponse.json({ detail: "Invalid refresh token" }, { status: 401 }),
  ),
  http.get(`${API}/api/v1/openapi.json`, () =>
    HttpResponse.json({ openapi: "3.1.0", info: { title: PROJECT_NAME, version: "0.1.0" } }),
  ),
)

export { HttpResponse, http }
