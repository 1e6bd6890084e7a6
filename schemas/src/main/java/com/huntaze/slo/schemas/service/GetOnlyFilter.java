package com.huntaze.slo.schemas.service;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * For a server whose endpoints are all read-only (the exporter's, the processor's metrics and
 * health): GET and HEAD pass, any other method (POST, PUT, DELETE, OPTIONS, TRACE, ...) gets 405
 * with {@code Allow: GET, HEAD} and a one-line text answer; {@code /health/*} keeps its own JSON
 * answer. Without it the servlet defaults answered 405 without {@code Allow} (RFC 9110 15.5.6),
 * with Jetty's HTML error page, and echoed TRACE requests with their headers (cookies,
 * authorization) back.
 */
public final class GetOnlyFilter implements Filter {
  public static final String ALLOW = "GET, HEAD";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String method = req.getMethod();
    String path = req.getRequestURI();
    if ("GET".equals(method) || "HEAD".equals(method) || path.startsWith("/health/")) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse resp = (HttpServletResponse) response;
    resp.setStatus(405);
    resp.setHeader("Allow", ALLOW);
    resp.setContentType("text/plain; charset=utf-8");
    byte[] body = ("method " + method + " not allowed on " + path + ": read-only (use GET)\n").getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
