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

export const server = setupServer(
  http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(superuser)),
)

export { HttpResponse, http }
