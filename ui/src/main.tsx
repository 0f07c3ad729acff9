import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { configureClient } from "@/lib/api"
import { App, createAppRouter, createQueryClient } from "./app"
import "./index.css"

configureClient()

const queryClient = createQueryClient()
const router = createAppRouter(queryClient)

const root = document.getElementById("root")
if (!root) throw new Error("missing #root")

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
)
