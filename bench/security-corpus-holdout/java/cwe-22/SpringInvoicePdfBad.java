package com.example.billing.web;

import java.io.File;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringInvoicePdfBad {

    private static final File INVOICE_DIR = new File("/data/invoices");

    @GetMapping("/invoices/pdf")
    public ResponseEntity<Resource> download(@RequestParam("file") String fileName) {
        File pdf = new File(INVOICE_DIR, fileName);
        if (!pdf.exists()) {
            return ResponseEntity.notFound().build();
        }
        Resource body = new FileSystemResource(pdf);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pdf.getName() + "\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(body);
    }
}
