import { z } from "zod"

// No JIT-compiled parsers: zod would probe `new Function` when the first object schema is made,
// which the server's Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') reports as
// a violation even though zod catches the error. Set before any schema below is created.
z.config({ jitless: true })

export const emailField = z.email({ message: "Invalid email address" })

export const passwordField = z
  .string()
  .min(1, { message: "Password is required" })
  .min(8, { message: "Password must be at least 8 characters" })

export const loginSchema = z.object({
  username: emailField,
  password: passwordField,
})
export type LoginValues = z.infer<typeof loginSchema>

export const signupSchema = z
  .object({
    full_name: z.string().min(1, { message: "Full Name is required" }),
    email: emailField,
    password: passwordField,
    confirm_password: z.string().min(1, { message: "Password confirmation is required" }),
  })
  .refine((d) => d.password === d.confirm_password, {
    message: "The passwords don't match",
    path: ["confirm_password"],
  })
export type SignupValues = z.infer<typeof signupSchema>

export const recoverSchema = z.object({ email: emailField })
export type RecoverValues = z.infer<typeof recoverSchema>

export const resetSchema = z
  .object({
    new_password: passwordField,
    confirm_password: z.string().min(1, { message: "Password confirmation is required" }),
  })
  .refine((d) => d.new_password === d.confirm_password, {
    message: "The passwords don't match",
    path: ["confirm_password"],
  })
export type ResetValues = z.infer<typeof resetSchema>

export const itemSchema = z.object({
  title: z.string().min(1, { message: "Title is required" }),
  description: z.string().optional(),
})
export type ItemValues = z.infer<typeof itemSchema>

export const addUserSchema = z
  .object({
    email: emailField,
    full_name: z.string(),
    password: passwordField,
    confirm_password: z.string().min(1, { message: "Please confirm your password" }),
    is_superuser: z.boolean(),
    is_active: z.boolean(),
  })
  .refine((d) => d.password === d.confirm_password, {
    message: "The passwords don't match",
    path: ["confirm_password"],
  })
export type AddUserValues = z.infer<typeof addUserSchema>

export const editUserSchema = z
  .object({
    email: emailField,
    full_name: z.string(),
    password: z.string().refine((v) => v.length === 0 || v.length >= 8, {
      message: "Password must be at least 8 characters",
    }),
    confirm_password: z.string(),
    is_superuser: z.boolean(),
    is_active: z.boolean(),
  })
  .refine((d) => d.password.length === 0 || d.password === d.confirm_password, {
    message: "The passwords don't match",
    path: ["confirm_password"],
  })
export type EditUserValues = z.infer<typeof editUserSchema>

export const profileSchema = z.object({
  full_name: z.string().max(30),
  email: emailField,
})
export type ProfileValues = z.infer<typeof profileSchema>

export const changePasswordSchema = z
  .object({
    current_password: passwordField,
    new_password: passwordField,
    confirm_password: z.string().min(1, { message: "Password confirmation is required" }),
  })
  .refine((d) => d.new_password === d.confirm_password, {
    message: "The passwords don't match",
    path: ["confirm_password"],
  })
export type ChangePasswordValues = z.infer<typeof changePasswordSchema>

/** The kinds of code a two-factor form asks for: the app's 6 digits (spaces allowed, as some
 * apps show `123 456`), a recovery code, or either (regenerating the recovery codes). */
export const codeSchemas = {
  totp: z.object({
    code: z
      .string()
      .regex(/^\s*\d{3}\s?\d{3}\s*$/, { message: "Enter the 6-digit code from your app" }),
  }),
  recovery: z.object({
    code: z.string().trim().min(1, { message: "Recovery code is required" }),
  }),
  any: z.object({ code: z.string().trim().min(1, { message: "Code is required" }) }),
}
export type CodeKind = keyof typeof codeSchemas
export type CodeValues = { code: string }

export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, { message: "Password is required" }),
})
export type DisableTwoFactorValues = z.infer<typeof disableTwoFactorSchema>
