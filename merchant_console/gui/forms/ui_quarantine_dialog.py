# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'quarantine_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_QuarantineDialog(object):
    def setupUi(self, QuarantineDialog):
        if not QuarantineDialog.objectName():
            QuarantineDialog.setObjectName(u"QuarantineDialog")
        QuarantineDialog.resize(820, 520)
        self.layout = QVBoxLayout(QuarantineDialog)
        self.layout.setObjectName(u"layout")
        self.quarantineNote = QLabel(QuarantineDialog)
        self.quarantineNote.setObjectName(u"quarantineNote")
        self.quarantineNote.setWordWrap(True)

        self.layout.addWidget(self.quarantineNote)

        self.quarantineTable = QTableWidget(QuarantineDialog)
        self.quarantineTable.setObjectName(u"quarantineTable")
        self.quarantineTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.quarantineTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.quarantineTable.setAlternatingRowColors(True)

        self.layout.addWidget(self.quarantineTable)

        self.cleanedNote = QLabel(QuarantineDialog)
        self.cleanedNote.setObjectName(u"cleanedNote")
        self.cleanedNote.setWordWrap(True)

        self.layout.addWidget(self.cleanedNote)

        self.cleanedTable = QTableWidget(QuarantineDialog)
        self.cleanedTable.setObjectName(u"cleanedTable")
        self.cleanedTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.cleanedTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.cleanedTable.setAlternatingRowColors(True)

        self.layout.addWidget(self.cleanedTable)

        self.buttonBox = QDialogButtonBox(QuarantineDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.layout.addWidget(self.buttonBox)


        self.retranslateUi(QuarantineDialog)
        self.buttonBox.rejected.connect(QuarantineDialog.reject)

        QMetaObject.connectSlotsByName(QuarantineDialog)
    # setupUi

    def retranslateUi(self, QuarantineDialog):
        QuarantineDialog.setWindowTitle(QCoreApplication.translate("QuarantineDialog", u"Records the console could not use", None))
        self.quarantineNote.setText(QCoreApplication.translate("QuarantineDialog", u"The platform sent these refunds in a form the console cannot act on safely (an id that could change a web address, a wrong amount or time). They are kept as received and leave this list when the platform sends a usable version. If one is still awaiting your answer, answer it on the platform's website before its deadline.", None))
#if QT_CONFIG(accessibility)
        self.quarantineTable.setAccessibleName(QCoreApplication.translate("QuarantineDialog", u"Quarantined records", None))
#endif // QT_CONFIG(accessibility)
        self.cleanedNote.setText(QCoreApplication.translate("QuarantineDialog", u"These refunds are in the queue, but some of their text had to be cleaned to be shown safely (hidden or direction-changing characters made visible, overlong text shortened). Check them on the platform if the text matters to your decision.", None))
#if QT_CONFIG(accessibility)
        self.cleanedTable.setAccessibleName(QCoreApplication.translate("QuarantineDialog", u"Refunds with cleaned text", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

