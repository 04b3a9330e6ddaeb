package dev.reddot.gateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /admin}: the dashboard page of mqtt-js-demo ({@code static/admin/}). It is public static HTML; the data it
 * polls is not: {@code /push/stats} needs an admin token in token mode, given to the page as {@code ?token=}.
 */
@Controller
class AdminPageController {

    /** To the folder, so that the page's relative links (admin.js, admin.css) resolve below it; keeps ?token=. */
    @GetMapping("/admin")
    String folder(HttpServletRequest request) {
        String query = request.getQueryString();
        return "redirect:/admin/" + (query != null ? "?" + query : "");
    }

    @GetMapping("/admin/")
    String page() {
        return "forward:/admin/index.html";
    }
}
