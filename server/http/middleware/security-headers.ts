/**
 * Security headers on every response (helmet) with a Content-Security-Policy for the inspection page:
 * scripts, styles, fonts and data only from this server (the page is bundled, no CDN), images also from
 * data:/blob: URLs (uploads previewed in the page), no plugins, no framing, no inline scripts.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // sigma sets element styles from script; style attributes need 'unsafe-inline', scripts never do.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false, // plain HTTP on loopback; HSTS belongs to a TLS front end
  });
}
